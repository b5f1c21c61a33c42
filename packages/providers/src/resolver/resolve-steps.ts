// The two ways to identify a listener's track — text search or a pasted id — then its features by id from the
// first provider in the chain that has them. Each step asks the providers in the configured order and falls
// through misses and faults; the run records what each did.
import type { TAudioFeatures } from "@anisong/core-ml";
import { AllProvidersFailedError, SongNotFoundError } from "../errors";
import { describeTrack, type TFeatureProvider } from "../providers/feature-provider";
import type { TMatchedBy, TProviderName, TResolvedSong, TTextQuery, TTrack } from "../types";
import { coreTitle, normalizeText } from "../text/normalize";
import { ResolutionRun, skipReason } from "./resolution-run";

/** `hint`: for the operator (may name settings) · `tried`: for listeners, where we looked. */
export type TChain = { providers: readonly TFeatureProvider[]; hint: string; tried: string };

const CANDIDATES = 10;
const SUGGESTIONS = 5;

async function findFeatures(
  chain: TChain,
  id: string,
  run: ResolutionRun,
): Promise<{ features: TAudioFeatures; provider: TFeatureProvider } | null> {
  for (const provider of chain.providers) {
    if (!provider.capabilities.includes("features") || run.lookedUp.has(provider.name)) continue;
    const skip = skipReason(provider, "features");
    if (skip) {
      run.note(provider, `features: skipped (${skip})`);
      continue;
    }
    try {
      const answer = await provider.features!(id);
      if (answer.found) {
        run.note(provider, `features: ${answer.outcome ?? "found"}`);
        return { features: answer.features, provider };
      }
      run.miss(provider, answer.reason, `features: ${answer.outcome ?? answer.reason}`);
    } catch (error) {
      run.fail(provider, error);
    }
  }
  return null;
}

/** The fields other providers alone know (the catalog's genres) added to a track `from` identified. */
async function withExtras(chain: TChain, track: TTrack, from: TFeatureProvider): Promise<TTrack> {
  let out = track;
  for (const provider of chain.providers) {
    if (provider === from || !provider.extras || skipReason(provider, "lookup")) continue;
    out = { ...out, ...(await provider.extras(track.id).catch(() => ({}))) };
  }
  return out;
}

/** A track identified without features: features from the chain, extras, and the finished answer. */
async function complete(
  chain: TChain,
  run: ResolutionRun,
  identified: { track: TTrack; from: TFeatureProvider; candidates: TTrack[]; matchedBy: TMatchedBy },
): Promise<TResolvedSong> {
  const { track, from, candidates, matchedBy } = identified;
  const found = await findFeatures(chain, track.id, run);
  if (!found) {
    throw new AllProvidersFailedError(
      run.failures.length > 0
        ? run.failures
        : [{ provider: from.name as TProviderName, reason: `no provider has features for ${describeTrack(track)}`, fault: false }],
    );
  }
  const full = await withExtras(chain, track, from);
  return {
    track: full,
    features: found.features,
    source: found.provider.name as TProviderName,
    candidates,
    attempts: run.attempts,
    matchedBy,
  };
}

export async function resolveText(chain: TChain, query: TTextQuery): Promise<TResolvedSong> {
  const run = new ResolutionRun();
  const suggestions: TTrack[] = [];
  for (const provider of chain.providers) {
    if (!provider.capabilities.includes("search")) continue;
    const skip = skipReason(provider, "search");
    if (skip) {
      run.note(provider, `skipped (${skip})`);
      continue;
    }
    let answer;
    try {
      answer = await provider.search!(query, CANDIDATES);
    } catch (error) {
      run.fail(provider, error);
      continue;
    }
    if (!answer.found) {
      for (const t of answer.nearest)
        if (suggestions.length < SUGGESTIONS && !suggestions.some((s) => sameSuggestion(s, t))) suggestions.push(t);
      run.miss(provider, answer.reason, answer.outcome);
      continue;
    }
    run.note(provider, answer.outcome ?? `matched ${describeTrack(answer.track)}`);
    const matchedBy: TMatchedBy = !query.title ? "artist-only" : answer.exact ? "exact" : "confident";
    if (answer.features) {
      return {
        track: answer.track,
        features: answer.features,
        source: provider.name as TProviderName,
        candidates: answer.candidates,
        attempts: run.attempts,
        matchedBy,
      };
    }
    return complete(chain, run, { track: answer.track, from: provider, candidates: answer.candidates, matchedBy });
  }
  if (run.faulted) throw new AllProvidersFailedError(run.failures, suggestions);
  const what = [query.title && `"${query.title}"`, query.artist && `by ${query.artist}`].filter(Boolean).join(" ");
  throw new SongNotFoundError(`No confident match for ${what}.`, suggestions, chain.hint, run.attempts, chain.tried);
}

export async function resolveId(chain: TChain, id: string): Promise<TResolvedSong> {
  const run = new ResolutionRun();
  for (const provider of chain.providers) {
    if (!provider.capabilities.includes("lookup")) continue;
    const skip = skipReason(provider, "lookup");
    if (skip) {
      run.note(provider, `skipped (${skip})`);
      continue;
    }
    let answer;
    try {
      answer = await provider.lookup!(id);
    } catch (error) {
      run.fail(provider, error);
      run.lookedUp.add(provider.name);
      continue;
    }
    if (!answer.found) {
      run.miss(provider, answer.reason, answer.outcome);
      run.lookedUp.add(provider.name);
      continue;
    }
    run.note(provider, answer.outcome ?? `found ${describeTrack(answer.track)}`);
    if (answer.features) {
      return {
        track: answer.track,
        features: answer.features,
        source: provider.name as TProviderName,
        candidates: [answer.track],
        attempts: run.attempts,
        matchedBy: "id",
      };
    }
    return complete(chain, run, { track: answer.track, from: provider, candidates: [answer.track], matchedBy: "id" });
  }
  if (run.faulted) throw new AllProvidersFailedError(run.failures);
  throw new SongNotFoundError(`Track ${id} was not found.`, [], chain.hint, run.attempts, chain.tried);
}

/** One entry per song in the suggestions: the same id, or the same core title by the same lead artist. */
function sameSuggestion(a: TTrack, b: TTrack): boolean {
  if (a.id === b.id) return true;
  const lead = (t: TTrack) => normalizeText(t.artists[0] ?? "");
  return coreTitle(a.title) === coreTitle(b.title) && lead(a) === lead(b);
}

export { CANDIDATES };
