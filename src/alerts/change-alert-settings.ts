import type { ChatAlertSettings } from './alert-outbox-port.js';

export type AlertSettingsChange =
  | { readonly kind: 'quiet'; readonly quietHours: NonNullable<ChatAlertSettings['quietHours']> }
  | { readonly kind: 'quiet_off' }
  | { readonly kind: 'type'; readonly type: string; readonly mode: NonNullable<ChatAlertSettings['types']>[string] };

/** A chat's settings with one change applied; the others are kept as they were. */
export function changeAlertSettings(current: ChatAlertSettings, change: AlertSettingsChange): ChatAlertSettings {
  switch (change.kind) {
    case 'quiet':
      return { ...current, quietHours: change.quietHours };
    case 'quiet_off': {
      const { quietHours: _dropped, ...rest } = current;
      return rest;
    }
    case 'type':
      return { ...current, types: { ...(current.types ?? {}), [change.type]: change.mode } };
  }
}
