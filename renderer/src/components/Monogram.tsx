import type { ProviderLook } from '../../../contract/provider-look.ts';
import { inkOn } from '../lib/contrast.ts';

export function Monogram({ look, size = 'medium' }: { look: ProviderLook; size?: 'small' | 'medium' }) {
  return (
    <span
      className={`monogram monogram-${size}`}
      style={{ backgroundColor: look.colour, color: inkOn(look.colour) }}
      aria-hidden="true"
    >
      {look.monogram}
    </span>
  );
}
