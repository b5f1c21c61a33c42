"use client";

// Last line of defence for a page that throws while rendering: a readable message, never a stack trace.
export default function PageError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <h1 className="notice__title">Something went wrong</h1>
      <p>This page could not be shown. Please try again.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
