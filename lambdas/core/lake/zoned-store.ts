import type { Readable } from 'node:stream';
import { InvalidKeyError, type ObjectInfo, type ObjectStore } from './object-store';

/**
 * One lake over several stores, by the key's first segment (its zone): in AWS `raw/…` lives
 * in the raw bucket, `curated/…` and `manifests/…` in the curated bucket, `quarantine/…` in
 * the quarantine bucket, each with its own encryption, lifecycle and access. Keys stay the
 * same as in a lake folder, so the core never knows the difference.
 */
export class ZonedStore implements ObjectStore {
  readonly location: string;

  constructor(private readonly zones: Readonly<Record<string, ObjectStore>>) {
    this.location = Object.entries(zones)
      .map(([zone, store]) => `${zone}/ → ${store.location}`)
      .join(', ');
  }

  private storeFor(key: string): ObjectStore {
    const zone = key.split('/', 1)[0]!;
    const store = this.zones[zone];
    if (!store) throw new InvalidKeyError(key, `zone "${zone}" is none of ${Object.keys(this.zones).join(', ')}`);
    return store;
  }

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    return this.storeFor(key).put(key, body, contentType);
  }

  async putFile(key: string, path: string, contentType?: string): Promise<void> {
    return this.storeFor(key).putFile(key, path, contentType);
  }

  async get(key: string): Promise<Uint8Array> {
    return this.storeFor(key).get(key);
  }

  async read(key: string): Promise<Readable> {
    return this.storeFor(key).read(key);
  }

  async exists(key: string): Promise<boolean> {
    return this.storeFor(key).exists(key);
  }

  /** A prefix inside one zone asks that zone's store; a shorter one asks every zone it covers. */
  async list(prefix: string): Promise<ObjectInfo[]> {
    const zones = Object.keys(this.zones).filter(
      (zone) => prefix.startsWith(`${zone}/`) || `${zone}/`.startsWith(prefix),
    );
    const found = (
      await Promise.all(
        zones.map((zone) => this.zones[zone]!.list(prefix.startsWith(`${zone}/`) ? prefix : `${zone}/`)),
      )
    ).flat();
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
