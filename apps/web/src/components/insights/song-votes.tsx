// The most liked and the most rejected recommended songs, by like rate among songs with enough votes.
import type { TSongVotesRow } from "../../server/insights/get-decision-insights";
import { percent } from "./format";

export function SongVotes({ id, title, songs, minVotes }: { id: string; title: string; songs: TSongVotesRow[]; minVotes: number }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {songs.length === 0 ? (
        <p className="muted">No song has {minVotes} or more votes yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Song</th>
                <th scope="col" className="num">
                  Likes
                </th>
                <th scope="col" className="num">
                  Rejections
                </th>
                <th scope="col" className="num">
                  Like rate
                </th>
              </tr>
            </thead>
            <tbody>
              {songs.map((s) => (
                <tr key={s.songId}>
                  <th scope="row">
                    <a href={`https://open.spotify.com/track/${s.songId}`} rel="noreferrer" target="_blank">
                      {s.title}
                    </a>{" "}
                    <span className="muted">{s.artists.join(", ")}</span>
                  </th>
                  <td className="num">{s.likes}</td>
                  <td className="num">{s.dislikes}</td>
                  <td className="num">{percent(s.likeRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">Songs with at least {minVotes} votes (like / not for me on a pick).</p>
    </section>
  );
}
