import type { PushMessage } from '../contract/contract';

export type PushListener = (message: PushMessage) => void;

/** Fan-out of live updates to every transport's subscribers (IPC windows, HTTP event streams). */
export class PushBus {
  private readonly listeners = new Set<PushListener>();

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(message: PushMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // One broken subscriber (a closed window, a dropped stream) must not stop the others.
      }
    }
  }
}
