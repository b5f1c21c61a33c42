// One place that turns recommend's `library` argument into a prepared library for the model: a plain song array is
// prepared once per (array, model) pair and cached; a prepared library must belong to the same model.
import { InvalidArgumentError } from "./errors";
import type { TModelArtifact } from "./model-artifact";
import { prepareLibrary, type TLibrarySong, type TPreparedLibrary } from "./prepare-library";

const prepared = new WeakMap<readonly TLibrarySong[], Map<string, TPreparedLibrary>>();

function preparedFor(model: TModelArtifact, songs: readonly TLibrarySong[]): TPreparedLibrary {
  let byModel = prepared.get(songs);
  if (!byModel) prepared.set(songs, (byModel = new Map()));
  let library = byModel.get(model.version);
  if (!library) byModel.set(model.version, (library = prepareLibrary(model, songs)));
  return library;
}

/** The prepared library for `model`; throws InvalidArgumentError for a library prepared for another model. */
export function resolveLibrary(model: TModelArtifact, library: TPreparedLibrary | readonly TLibrarySong[]): TPreparedLibrary {
  const prep = Array.isArray(library) ? preparedFor(model, library as readonly TLibrarySong[]) : (library as TPreparedLibrary);
  if (prep.modelVersion !== model.version) {
    throw new InvalidArgumentError(`library was prepared for model ${prep.modelVersion}, not ${model.version}`);
  }
  return prep;
}
