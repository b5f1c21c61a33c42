import { PageLink } from "../components/page-link";

export default function NotFound() {
  return (
    <div className="notice" role="status">
      <h1 className="notice__title">Page not found</h1>
      <p>
        <PageLink href="/">Search for a song</PageLink> or look at the <PageLink href="/insights">insights</PageLink>.
      </p>
    </div>
  );
}
