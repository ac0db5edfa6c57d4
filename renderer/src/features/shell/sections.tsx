import type { ComponentType } from 'react';
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
  label: string;
  icon: IconName;
  View: ComponentType;
}

export const sections: readonly Section[] = [
  { id: 'keys', label: 'Keys', icon: 'key', View: KeysView },
  { id: 'health', label: 'Health', icon: 'warning', View: HealthView },
  { id: 'costs', label: 'Costs', icon: 'chart', View: CostsView },
  { id: 'audit', label: 'Audit log', icon: 'history', View: AuditView },
  { id: 'trash', label: 'Trash', icon: 'trash', View: TrashView },
  { id: 'scan', label: 'Scan for leaks', icon: 'search', View: ScanView },
  { id: 'settings', label: 'Settings', icon: 'gear', View: SettingsView },
];
