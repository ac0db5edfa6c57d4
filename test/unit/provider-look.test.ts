import { describe, expect, it } from 'vitest';
import { colourFor, monogramFor, providerLook } from '../../contract/provider-look.ts';

describe('providerLook', () => {
  it('catalog providers use the catalog', () => {
    expect(providerLook('openai')).toEqual({ name: 'OpenAI', monogram: 'OA', colour: '#10a37f' });
  });

  it('custom providers get a monogram from their name and a stable colour', () => {
    const look = providerLook('custom:Acme Cloud');
    expect(look).toMatchObject({ name: 'Acme Cloud', monogram: 'AC' });
    expect(look.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(providerLook('custom:Acme Cloud').colour).toBe(look.colour);
    expect(colourFor('acme cloud')).toBe(colourFor('ACME CLOUD'));
  });

  it.each([
    ['Acme', 'Ac'],
    ['internal-api', 'IA'],
    ['zeta', 'Ze'],
    ['Ünicode Dienst', 'ÜD'],
    ['x', 'X'],
    ['  ', '?'],
  ])('monogram of %j is %j', (name, monogram) => {
    expect(monogramFor(name)).toBe(monogram);
  });
});
