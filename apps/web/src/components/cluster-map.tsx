import { langOf } from "../lib/features";
import type { TClusterMap } from "../lib/api-types";

const W = 640;
const H = 400;
const PAD = 28;

/** The library's songs on the first two principal components of the scaled features, as inline SVG. */
export function ClusterMap({ map }: { map: TClusterMap }) {
  const xs = map.points.map((p) => p.x).concat(map.query ? [map.query.x] : []);
  const ys = map.points.map((p) => p.y).concat(map.query ? [map.query.y] : []);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => PAD + ((x - x0) / (x1 - x0 || 1)) * (W - 2 * PAD);
  const sy = (y: number) => H - PAD - ((y - y0) / (y1 - y0 || 1)) * (H - 2 * PAD);
  const queryCluster = map.query ? map.clusters.find((c) => c.index === map.query!.cluster) : undefined;

  const summary =
    `Scatter plot of ${map.points.length} anime songs in ${map.clusters.length} clusters` +
    (map.query ? `, with your song “${map.query.title}” placed in the ${queryCluster?.label ?? ""} cluster.` : ".");

  return (
    <figure className="cluster-map">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        <rect x="0" y="0" width={W} height={H} className="cluster-map__bg" />
        {map.points.map((p, i) => (
          <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={3.2} className={`pt c${p.cluster % 10}`}>
            <title>{p.title}</title>
          </circle>
        ))}
        {map.clusters.map((c) => (
          <g key={c.index} className="centroid">
            <circle cx={sx(c.x)} cy={sy(c.y)} r={9} className={`centroid__dot c${c.index % 10}`} />
            <text x={sx(c.x)} y={sy(c.y) + 4} textAnchor="middle" className="centroid__text">
              {c.index}
            </text>
          </g>
        ))}
        {map.query ? (
          <g className="query-point">
            <circle cx={sx(map.query.x)} cy={sy(map.query.y)} r={11} className="query-point__ring" />
            <circle cx={sx(map.query.x)} cy={sy(map.query.y)} r={5} className="query-point__dot" />
            <text
              x={Math.min(W - PAD, Math.max(PAD, sx(map.query.x)))}
              y={Math.max(16, sy(map.query.y) - 16)}
              textAnchor="middle"
              className="query-point__text"
            >
              {map.query.title.length > 28 ? `${map.query.title.slice(0, 27)}…` : map.query.title}
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption>
        <ul className="map-legend">
          {map.clusters.map((c) => (
            <li key={c.index}>
              <span className={`swatch c${c.index % 10}`} aria-hidden="true" /> {c.index} · {c.label}{" "}
              <span className="muted">({c.size})</span>
            </li>
          ))}
          {map.query ? (
            <li>
              <span className="swatch swatch--query-ring" aria-hidden="true" /> your song:{" "}
              <span lang={langOf(map.query.title)}>{map.query.title}</span>
            </li>
          ) : null}
        </ul>
        <p className="hint">
          Axes: the first two principal components of the scaled features ({Math.round(map.explained[0] * 100)}% and{" "}
          {Math.round(map.explained[1] * 100)}% of the variance). Nearby dots sound alike.
        </p>
      </figcaption>
    </figure>
  );
}
