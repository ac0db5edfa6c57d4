import { create } from 'zustand';
import type { ScanProgress, ScanReport } from '../../../contract/scan.ts';
import { api } from '../api.ts';
import { registerStore } from './registry.ts';

/**
 * The leak scan shown in the window: its id, the last progress event and the report. Main never
 * sends a value here: findings hold labels, masked values, paths and positions.
 */
interface ScanState {
  scanId: string | null;
  progress: ScanProgress | null;
  report: ScanReport | null;
  start: (request: Parameters<typeof api.scan.start>[0]) => Promise<void>;
  cancel: () => Promise<void>;
  progressed: (progress: ScanProgress) => void;
  finished: (scanId: string) => Promise<void>;
  refresh: () => Promise<void>;
}

export const useScan = create<ScanState>((set, get) => ({
  scanId: null,
  progress: null,
  report: null,
  start: async (request) => {
    const { scanId } = await api.scan.start(request);
    set({ scanId, progress: null, report: null });
    // The scan may have ended before this line ran (a small folder): ask once now.
    const report = await api.scan.result({ scanId });
    if (get().scanId === scanId && report.state !== 'running') set({ report });
  },
  cancel: async () => {
    const { scanId } = get();
    if (scanId) set({ report: await api.scan.cancel({ scanId }) });
  },
  progressed: (progress) => {
    if (progress.scanId === get().scanId) set({ progress });
  },
  finished: async (scanId) => {
    if (scanId === get().scanId) set({ report: await api.scan.result({ scanId }) });
  },
  refresh: async () => {
    const { scanId } = get();
    if (scanId) set({ report: await api.scan.result({ scanId }) });
  },
}));

registerStore('scan', useScan);
