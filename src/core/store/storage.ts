/**
 * The host's persistent key-value storage as the core sees it. VS Code's `globalState` fits as it is; values
 * must be plain JSON, and whatever is read back is untrusted (another version may have written it).
 */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
