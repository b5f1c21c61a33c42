// What one resolution did, provider by provider: the attempts for the UI and the failures for the errors.
import { ProviderFault, type TProviderFailure } from "../errors";
import type { TCapability, TFeatureProvider } from "../providers/feature-provider";
import type { TAttempt, TProviderName } from "../types";

export function reasonOf(error: unknown): string {
  if (error instanceof ProviderFault) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Why to skip `provider` for `capability` (not configured, or paused), or null to ask it. */
export function skipReason(provider: TFeatureProvider, capability: TCapability): string | null {
  if (!provider.configuration.configured) return provider.configuration.reason;
  return provider.pausedReason?.(capability) ?? null;
}

export class ResolutionRun {
  readonly attempts: TAttempt[] = [];
  readonly failures: TProviderFailure[] = [];
  /** Providers whose lookup of the track missed or failed in this run: not asked again for its features. */
  readonly lookedUp = new Set<string>();

  // Names outside the registry only come from tests and app-supplied providers; the type is the registry's.
  note(provider: TFeatureProvider, outcome: string): void {
    this.attempts.push({ provider: provider.name as TProviderName, outcome });
  }

  /** The provider could not answer (timeout, HTTP error…). */
  fail(provider: TFeatureProvider, error: unknown): void {
    const reason = reasonOf(error);
    this.failures.push({ provider: provider.name as TProviderName, reason, fault: true });
    this.note(provider, `failed: ${reason}`);
  }

  /** The provider answered, without the song. */
  miss(provider: TFeatureProvider, reason: string, outcome = reason): void {
    this.failures.push({ provider: provider.name as TProviderName, reason, fault: false });
    this.note(provider, outcome);
  }

  get faulted(): boolean {
    return this.failures.some((f) => f.fault);
  }
}
