// Turns the configured provider names into provider instances: an app-supplied one if given, else the
// registry's factory. The miss hint depends on whether any configured provider searches beyond local data.
import { OFFLINE_HINT } from "../errors";
import { SpotifyConfigError, type TResolverConfig } from "../env";
import type { TFeatureProvider, TProviderDefinition } from "../providers/feature-provider";
import { defaultRegistry } from "../providers/registry";
import type { TChain } from "./resolve-steps";

const FOUND_ELSEWHERE_HINT = "Not found in the catalog or on Spotify. Check the spelling, or paste the song's Spotify link.";

function notSupplied(definition: TProviderDefinition): TFeatureProvider {
  return {
    name: definition.name,
    label: definition.label,
    reach: "local",
    capabilities: [],
    configuration: { configured: false, reason: "not supplied by the app" },
  };
}

export function buildChain(
  config: TResolverConfig,
  options: { registry?: readonly TProviderDefinition[]; supplied?: readonly TFeatureProvider[] },
): TChain {
  const registry = options.registry ?? defaultRegistry;
  const providers = config.providers.map((name: string) => {
    const supplied = options.supplied?.find((p) => p.name === name);
    if (supplied) return supplied;
    const definition = registry.find((d) => d.name === name);
    if (!definition) throw new SpotifyConfigError(`Unknown provider "${name}": expected one of ${registry.map((d) => d.name).join(", ")}.`);
    return definition.create ? { ...definition.create(config), name: definition.name, label: definition.label } : notSupplied(definition);
  });
  const searchesRemotely = providers.some((p) => p.reach === "remote" && p.configuration.configured && p.capabilities.includes("search"));
  return { providers, hint: searchesRemotely ? FOUND_ELSEWHERE_HINT : OFFLINE_HINT, tried: triedSentence(providers) };
}

/** For listeners, what a miss means: where we looked (labels, never variable names) and whether anything online was. */
export function triedSentence(providers: readonly TFeatureProvider[]): string {
  const used = providers.filter(
    (p) => p.configuration.configured && (p.capabilities.includes("search") || p.capabilities.includes("lookup")),
  );
  const list = (labels: string[]) => (labels.length <= 1 ? labels.join("") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`);
  const local = used.filter((p) => p.reach === "local").map((p) => p.label);
  const remote = used.filter((p) => p.reach === "remote").map((p) => p.label);
  if (remote.length === 0) return `We looked in ${list(local) || "nothing"}; no online source is set up.`;
  return `We looked in ${list([...local, ...remote])}.`;
}
