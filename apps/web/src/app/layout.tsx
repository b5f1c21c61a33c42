import type { Metadata, Viewport } from "next";
import { PageLink } from "../components/page-link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Anisong — anime songs that sound like the songs you love", template: "%s · Anisong" },
  description: "Type a song you love and get anime songs that sound like it.",
};

// Every page is rendered per request: the CSP nonce (src/proxy.ts) must be stamped on its scripts.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#3b2a8f" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="wrap site-header__inner">
            <PageLink href="/" className="brand">
              <span aria-hidden="true">♪</span> Anisong
            </PageLink>
            <nav aria-label="Main">
              <ul className="nav">
                <li>
                  <PageLink href="/">Search</PageLink>
                </li>
                <li>
                  <PageLink href="/insights">Insights</PageLink>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer wrap">
          Audio features from the public Spotify Tracks dataset and the seed anime-song list; recommendations by a k-means model trained on
          anime songs.
        </footer>
      </body>
    </html>
  );
}
