import Link from "next/link";

export default function NotFound() {
  return (
    <div className="notice" role="status">
      <h1 className="notice__title">Page not found</h1>
      <p>
        <Link href="/">Search for a song</Link> or look at the <Link href="/insights">insights</Link>.
      </p>
    </div>
  );
}
