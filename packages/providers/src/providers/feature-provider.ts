// What every feature provider answers, whatever it talks to (a file, a database, a web API). The resolver only
// sees this interface; a provider knows nothing about the chain it is in.
import type { TAudioFeatures } from "@anisong/core-ml";
import type { TResolverConfig } from "../env";
import type { TTextQuery, TTrack } from "../types";

/** lookup: track by Spotify id · search: title/artist · features: audio features by Spotify id. */
export type TCapability = "lookup" | "search" | "features";

/** The provider answered without the song. `outcome` is the attempt line when it says more than `reason`. */
export type TMiss = { found: false; reason: string; outcome?: string };

/** `features` when the provider keeps them with the track (catalog, library): the resolver then stops here. */
export type TLookupAnswer = { found: true; track: TTrack; features?: TAudioFeatures; outcome?: string } | TMiss;

export type TSearchAnswer =
  /** `track` stands for the query; `candidates` are the ranked matches, `track` first. */
  | { found: true; track: TTrack; features?: TAudioFeatures; candidates: TTrack[]; outcome?: string; exact?: boolean }
  /** Nothing close enough; `nearest` are the best guesses, for suggestions and pickers. */
  | (TMiss & { nearest: TTrack[] });

export type TFeaturesAnswer = { found: true; features: TAudioFeatures; outcome?: string } | TMiss;

export type TFeatureProvider = {
  /** Id in ANISONG_PROVIDERS, in attempts and failures, and stored as a recommendation's `source`. */
  readonly name: string;
  /** Listener-facing, used in "Features from …". */
  readonly label: string;
  /** "remote": a web service; the hint for a miss depends on whether a remote search was configured. */
  readonly reach: "local" | "remote";
  readonly capabilities: readonly TCapability[];
  /** Unusable as configured (e.g. no credentials): skipped, and `reason` shown in the attempts. */
  readonly configuration: { configured: true } | { configured: false; reason: string };
  /** Why `capability` is off for now although configured (Spotify features after a 403), or null. */
  pausedReason?(capability: TCapability): string | null;
  lookup?(id: string): Promise<TLookupAnswer>;
  search?(query: TTextQuery, limit: number): Promise<TSearchAnswer>;
  features?(id: string): Promise<TFeaturesAnswer>;
  /** Fields only this provider knows (the catalog's genres) for a track another provider identified; never throws for a miss. */
  extras?(id: string): Promise<Partial<TTrack>>;
};

/** What a registry factory builds; the resolver adds the definition's name and label. */
export type TProviderImpl = Omit<TFeatureProvider, "name" | "label">;

/** One registry line: how to build a provider from the resolver config. */
export type TProviderDefinition<N extends string = string> = {
  readonly name: N;
  readonly label: string;
  /** Absent for a provider the app supplies (it needs something the package does not have, e.g. a database). */
  readonly create?: (config: TResolverConfig) => TProviderImpl;
};

export function defineProvider<const N extends string>(definition: TProviderDefinition<N>): TProviderDefinition<N> {
  return definition;
}

export function describeTrack(track: TTrack): string {
  return `"${track.title}" by ${track.artists.join(", ") || "unknown artist"}`;
}
