import type { ComponentType } from 'react';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { IconName } from '../../components/Icon.tsx';
import { AuditView } from '../audit/AuditView.tsx';
import { CostsView } from '../costs/CostsView.tsx';
import { HealthView } from '../health/HealthView.tsx';
import { KeysView } from '../keys/KeysView.tsx';
import { ScanView } from '../scan/ScanView.tsx';
import { SettingsView } from '../settings/SettingsView.tsx';
import { TrashView } from '../trash/TrashView.tsx';

/**
 * The navigation: one entry per section of the main window. A new section (Costs) is one more
 * entry here with its view; the shell, the navigation and the keyboard handling pick it up.
 */
export interface Section {
  id: string;
  label: MessageDescriptor;
  icon: IconName;
  View: ComponentType;
}

const labels = defineMessages({
  keys: { id: 'shell.nav.keys', defaultMessage: 'Keys' },
  health: { id: 'shell.nav.health', defaultMessage: 'Health' },
  costs: { id: 'shell.nav.costs', defaultMessage: 'Costs' },
  audit: { id: 'shell.nav.audit', defaultMessage: 'Audit log' },
  trash: { id: 'shell.nav.trash', defaultMessage: 'Trash' },
  scan: { id: 'shell.nav.scan', defaultMessage: 'Scan for leaks' },
  settings: { id: 'shell.nav.settings', defaultMessage: 'Settings' },
});

export const sections: readonly Section[] = [
  { id: 'keys', label: labels.keys, icon: 'key', View: KeysView },
  { id: 'health', label: labels.health, icon: 'warning', View: HealthView },
  { id: 'costs', label: labels.costs, icon: 'chart', View: CostsView },
  { id: 'audit', label: labels.audit, icon: 'history', View: AuditView },
  { id: 'trash', label: labels.trash, icon: 'trash', View: TrashView },
  { id: 'scan', label: labels.scan, icon: 'search', View: ScanView },
  { id: 'settings', label: labels.settings, icon: 'gear', View: SettingsView },
];
