import { memo, useId } from 'react';
import { Monogram } from '../../components/Monogram.tsx';
import type { ProviderGroup } from './groups.ts';
import { KeyRow } from './KeyRow.tsx';

export const ProviderCard = memo(function ProviderCard({ group, onReveal }: { group: ProviderGroup; onReveal: (id: string) => void }) {
  const headingId = useId();
  const count = group.keys.length;
  return (
    <section className="provider-card" aria-labelledby={headingId} style={{ borderTopColor: group.look.colour }}>
      <header className="provider-header">
        <Monogram look={group.look} />
        <h2 id={headingId}>{group.look.name}</h2>
        <span className="count">
          {count} {count === 1 ? 'key' : 'keys'}
        </span>
      </header>
      <ul className="key-list" aria-label={`${group.look.name} keys`}>
        {group.keys.map((key) => (
          <KeyRow key={key.id} keySummary={key} onReveal={onReveal} />
        ))}
      </ul>
    </section>
  );
});
