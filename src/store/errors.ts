import { CountersignError } from '../errors.js';

/**
 * The store file exists but cannot be used: bad JSON, or JSON that fails the schema even
 * after migrating. Start-up stops and the file is left exactly as it was, because
 * overwriting it with defaults would silently throw away approvals, orders and settings.
 */
export class StoreCorruptError extends CountersignError {
  readonly code = 'store_corrupt';

  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The store file ${path} is corrupt: ${reason}. Countersign did not change it. ` +
        'Restore it from a backup (or a countersign.json.v*.bak next to it), fix it by hand, ' +
        'or move it away to start with an empty store.',
      options,
    );
  }
}

/**
 * The store file was written by a newer Countersign (or claims a version this build
 * never had). Reading it with an older schema could drop fields, so start-up stops.
 */
export class StoreVersionError extends CountersignError {
  readonly code = 'store_version_unsupported';

  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The store file ${path} has schema version ${found}, but this Countersign supports ` +
        `versions up to ${supported}. Countersign did not change it. Upgrade Countersign to the ` +
        'version that wrote it, or set DATA_DIR to another directory.',
    );
  }
}

/** Another live process holds the data directory; two writers on one file lose updates. */
export class DataDirLockedError extends CountersignError {
  readonly code = 'data_dir_locked';

  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockPath: string,
  ) {
    super(
      `Another Countersign process (pid ${pid}) is using ${dataDir}; stop it or set DATA_DIR ` +
        `to another directory. (If no such process is running, delete ${lockPath}.)`,
    );
  }
}

/** A write was attempted after `close()`: the lock is gone, so writing could race another process. */
export class StoreClosedError extends CountersignError {
  readonly code = 'store_closed';

  constructor(readonly path: string) {
    super(`The store ${path} is closed; no more writes are accepted.`);
  }
}

/** A settings patch failed validation; nothing was changed. `issues` name each bad field. */
export class InvalidSettingsError extends CountersignError {
  readonly code = 'settings_invalid';

  constructor(readonly issues: readonly string[]) {
    super(`The settings were not changed: ${issues.join('; ')}`);
  }
}
