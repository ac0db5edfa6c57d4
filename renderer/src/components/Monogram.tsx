import type { ProviderLook } from '../../../contract/provider-look.ts';

export function Monogram({ look, size = 'medium' }: { look: ProviderLook; size?: 'small' | 'medium' }) {
  return (
    <span className={`monogram monogram-${size}`} style={{ backgroundColor: look.colour }} aria-hidden="true">
      {look.monogram}
    </span>
  );
}
