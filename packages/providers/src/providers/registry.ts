// The providers the package knows, in their default order (ANISONG_PROVIDERS unset). One line per provider:
// its name, label and factory. Names, the ANISONG_PROVIDERS enum and the labels all come from this list.
import { catalogProvider } from "./catalog-provider";
import { libraryProvider } from "./library-provider";
import { reccobeatsProvider } from "./reccobeats/reccobeats-provider";
import { spotifyProvider } from "./spotify/spotify-provider";

export const defaultRegistry = [libraryProvider, catalogProvider, spotifyProvider, reccobeatsProvider] as const;

export type TProviderName = (typeof defaultRegistry)[number]["name"];

export const PROVIDER_NAMES = defaultRegistry.map((d) => d.name) as [TProviderName, ...TProviderName[]];

export const PROVIDER_LABELS = Object.fromEntries(defaultRegistry.map((d) => [d.name, d.label])) as Record<TProviderName, string>;

/** Listener-facing label of a registered provider ("Features from …"); the name itself for an unknown one. */
export function providerLabel(name: string): string {
  return (PROVIDER_LABELS as Record<string, string>)[name] ?? name;
}
