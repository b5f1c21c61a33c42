// What a new recommendation is ranked with: the running experiment's variant for this visitor (its model and
// whether the feedback signal applies), or the active model and ANISONG_FEEDBACK_SIGNAL when none runs.
import type { TDb } from "@anisong/db";
import { feedbackSignalOn, loadFeedbackSignal } from "../feedback/load-feedback-signal";
import { loadActiveModel, loadModelVersion, type TLoadedModel } from "../model/load-active-model";
import { chooseVariant } from "./choose-variant";
import { loadRunningExperiment } from "./load-running-experiment";

export type TRecommendationPlan = {
  loaded: TLoadedModel;
  experiment: { id: string; variant: string } | null;
  /** trackId → adjustment of its cosine similarity; null when the signal is off for this recommendation */
  boosts: ReadonlyMap<string, number> | null;
};

export async function planRecommendation(db: TDb, input: { visitorId?: string }): Promise<TRecommendationPlan> {
  const running = input.visitorId ? await loadRunningExperiment(db) : null;
  const variant = running && input.visitorId ? chooseVariant(running, input.visitorId) : null;
  const loaded = variant ? await loadModelVersion(db, variant.modelId) : await loadActiveModel(db);
  const boosts = feedbackSignalOn(variant) ? (await loadFeedbackSignal(db)).signal.boosts : null;
  return { loaded, experiment: running && variant ? { id: running.id, variant: variant.name } : null, boosts };
}
