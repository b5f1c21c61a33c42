import type { TAudioFeatures } from "@anisong/core-ml";
import { buildLibrary } from "./build-library";
import type { TLibraryInputSong, TTrackRow } from "./library-song";

const f = (x: number, instrumentalness = 0): TAudioFeatures => ({
  danceability: x,
  energy: 0.8,
  loudness: -4,
  speechiness: 0.05,
  acousticness: 0.1,
  instrumentalness,
  liveness: 0.1,
  valence: 0.5,
  tempo: 120,
});
const id = (n: number) => `id${String(n).padStart(20, "0")}`;
const seedSong = (n: number, title: string, x: number, durationMs = 200000): TLibraryInputSong => ({
  id: id(n),
  title,
  artists: [],
  album: null,
  features: f(x),
  durationMs,
});
const track = (n: number, title: string, x: number, o: Partial<TTrackRow> = {}): TTrackRow => ({
  id: id(n),
  title,
  artists: ["Linked Horizon"],
  album: "Shingeki no Kiseki",
  features: f(x),
  durationMs: 200000,
  genre: "anime",
  ...o,
});

describe("buildLibrary", () => {
  const seed = [seedSong(1, "紅蓮の弓矢", 0.1), seedSong(2, "心臓を捧げよ!", 0.2), seedSong(3, "ともに憩いを", 0.3)];
  seed[2]!.features = f(0.3, 0.9);
  const tracks: TTrackRow[] = [
    track(1, "Guren no Yumiya", 0.1), // same id as a seed song
    track(1, "Guren no Yumiya", 0.1, { genre: "j-rock" }), // the same track under a second genre
    track(12, "Shinzo wo Sasageyo!", 0.2), // same recording as seed 2 under another id
    track(13, "Guren no Yumiya Tv Size Ver.", 0.15, { durationMs: 89000, album: "Guren no Yumiya Tv Size Ver." }),
    track(14, "Guren No Yumiya (Attack On Titan)", 0.4, { artists: ["Otaku"], album: "Anime Lofi Vol. 1" }),
    track(15, "Polaroid Love", 0.5, { artists: ["ENHYPEN"], album: "DIMENSION : ANSWER" }),
    track(16, "Zeek's Plan", 0.6, { artists: ["KOHTA YAMAMOTO"], album: "Attack on Titan The Final Season Original Soundtrack" }),
    track(20, "ともに憩いを", 0.3, { genre: "soundtracks", artists: ["Kohta Yamamoto"], album: null, features: f(0.3, 0.9) }), // another genre, same recording as seed 3
  ];
  const { songs, stats } = buildLibrary({ seed, tracks });
  const byId = new Map(songs.map((s) => [s.id, s]));

  it("merges one recording into one entry: same id, or identical features and duration, keeping every id", () => {
    expect(stats).toMatchObject({
      seedSongs: 3,
      datasetAnimeRows: 6,
      datasetAnimeIds: 6,
      entriesBeforeMerge: 9,
      merged: { sameId: 1, sameRecording: 1 },
      size: 7,
    });
    const guren = byId.get(id(1))!;
    expect(guren).toMatchObject({
      title: "紅蓮の弓矢",
      artists: ["Linked Horizon"],
      album: "Shingeki no Kiseki",
      provenance: ["seed", "tracks-dataset"],
      alternateIds: [],
    });
    expect(byId.get(id(2))).toMatchObject({
      alternateIds: [id(12)],
      provenance: ["seed", "tracks-dataset"],
      artists: ["Linked Horizon"],
      artistsFrom: "entry",
    });
    expect(byId.has(id(12))).toBe(false);
  });

  it("fills artists from any genre of the tracks dataset by same recording", () => {
    expect(byId.get(id(3))).toMatchObject({
      artists: ["Kohta Yamamoto"],
      artistsFrom: "tracks-dataset-recording",
      provenance: ["seed"],
      kind: "soundtrack",
    });
    expect(byId.has(id(20))).toBe(false);
    expect(stats.artistCoverage).toMatchObject({ withArtists: 7, share: 1, filledByRecording: 1 });
  });

  it("groups versions of one song under one key, the full cut canonical", () => {
    const tv = byId.get(id(13))!;
    expect(tv).toMatchObject({ isVersion: true, versionOf: id(1), versionCut: "tv-size", kind: "original" });
    expect(tv.songKey).toBe(byId.get(id(1))!.songKey);
    expect(byId.get(id(1))).toMatchObject({ isVersion: false, versionOf: null });
    const canonicalKeys = songs.filter((s) => !s.isVersion).map((s) => s.songKey);
    expect(new Set(canonicalKeys).size).toBe(canonicalKeys.length);
    expect(stats).toMatchObject({ versions: 1, songs: 6 });
  });

  it("classifies kinds and anime titles, and flags rows with no anime evidence", () => {
    expect(byId.get(id(14))).toMatchObject({
      kind: "cover",
      kindRule: "cover:lofi",
      animeTitle: "Attack On Titan",
      animeTieIn: true,
      animeEvidence: ["anime-title", "covers-anime-song"],
    });
    expect(byId.get(id(16))).toMatchObject({
      kind: "soundtrack",
      animeTitle: "Attack on Titan",
      animeTieIn: true,
      animeEvidence: ["anime-title", "seed-artist"],
    });
    expect(byId.get(id(15))).toMatchObject({ kind: "original", animeTitle: null, animeTieIn: false, animeEvidence: [] });
    expect(byId.get(id(13))!.animeEvidence).toEqual(["version-of-seed-song", "seed-artist"]);
    expect(stats.kinds).toEqual({ original: 4, soundtrack: 2, cover: 1 } as const);
    expect(stats.animeTieIn.false).toBe(1);
  });

  it("merges release variants of one recording a millisecond apart, and keeps a different cut apart", () => {
    const variants = buildLibrary({
      seed: [seedSong(1, "衝撃", 0.7, 181595)],
      tracks: [
        track(2, "Shogeki", 0.7, { durationMs: 181594, artists: ["Yuko Ando"] }),
        track(3, "Shogeki (TV Size)", 0.7, { durationMs: 89000, artists: ["Yuko Ando"] }),
      ],
    });
    expect(variants.songs).toHaveLength(2);
    expect(variants.songs[0]).toMatchObject({
      id: id(1),
      alternateIds: [id(2)],
      artists: ["Yuko Ando"],
      provenance: ["seed", "tracks-dataset"],
    });
    expect(variants.songs[1]).toMatchObject({ id: id(3), isVersion: true, versionOf: id(1), versionCut: "tv-size" });
  });

  it("fills what the datasets lack from Spotify enrichment, by the entry's ids, and says where each field came from", () => {
    const cover = "https://i.scdn.co/image/ab67616d00001e02fixture";
    const enrichment = new Map([
      [id(1), { artists: ["Spotify Says Someone Else"], album: "Spotify Album", releaseDate: "2013-07-03", coverUrl: cover }],
      [id(31), { artists: ["Aimer"], album: "残響散歌", releaseDate: "2022-01-12", coverUrl: cover }],
      [id(42), { artists: ["Eve"], album: null, releaseDate: "2020", coverUrl: null }],
    ]);
    const built = buildLibrary({
      seed: [seedSong(1, "紅蓮の弓矢", 0.1), seedSong(31, "残響散歌", 0.5), seedSong(32, "Nobody knows this one", 0.6)],
      tracks: [track(1, "Guren no Yumiya", 0.1), track(42, "廻廻奇譚", 0.6, { artists: [], album: null, durationMs: 200000 })],
      enrichment,
    });
    const by = new Map(built.songs.map((s) => [s.id, s]));
    // The datasets' own artists and album win; Spotify adds the date and the cover.
    expect(by.get(id(1))).toMatchObject({
      artists: ["Linked Horizon"],
      artistsFrom: "entry",
      album: "Shingeki no Kiseki",
      albumFrom: "entry",
      releaseDate: "2013-07-03",
      coverUrl: cover,
    });
    expect(by.get(id(31))).toMatchObject({
      artists: ["Aimer"],
      artistsFrom: "spotify",
      album: "残響散歌",
      albumFrom: "spotify",
      releaseDate: "2022-01-12",
      coverUrl: cover,
    });
    // Seed 32 and dataset row 42 are one recording: Spotify's answer for the merged id fills the entry.
    expect(by.get(id(32))).toMatchObject({
      alternateIds: [id(42)],
      artists: ["Eve"],
      artistsFrom: "spotify",
      album: null,
      albumFrom: null,
    });
    expect(built.stats.artistCoverage).toMatchObject({ withArtists: 3, filledBySpotify: 2 });
    expect(built.stats.spotifyEnrichment).toEqual({ artists: 2, albums: 1, releaseDates: 3, covers: 2 });
    const without = buildLibrary({ seed: [seedSong(31, "残響散歌", 0.5)], tracks: [] });
    expect(without.songs[0]).toMatchObject({ artists: [], artistsFrom: null, albumFrom: null, releaseDate: null, coverUrl: null });
  });
});
