import type { ColumnMapping } from '../../contract/costs.ts';

/** The column mapping of test/fixtures/costs/generic-proxy.csv, an in-house proxy's usage log. */
export const proxyMapping: ColumnMapping = {
  day: 'When',
  provider: 'Vendor',
  model: 'Model name',
  key: 'Key',
  inputTokens: 'Prompt',
  outputTokens: 'Completion',
  requests: 'Calls',
  cost: 'Spend',
  costUnit: 'usd',
  inputIncludesCached: true,
} as ColumnMapping;
