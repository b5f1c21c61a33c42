/**
 * The song list the home page opens with: the server renders this page into the HTML (app/page.tsx) and the
 * browser's song list starts from it. Not in the "use client" module, whose exports are only references on the server.
 */
export const FIRST_SONGS_PAGE = { page: 1, size: 10, sort: "popularity", order: "desc" } as const;
