import { useEffect, useState } from 'react';
import type { Strength } from './strength.ts';

type Measure = (password: string) => Strength;
let measurer: Promise<Measure> | null = null;

/** zxcvbn and its dictionaries, loaded once, on the first screen that rates a password. */
export function loadMeasure(): Promise<Measure> {
  measurer ??= import('./strength.ts').then((module) => module.measure);
  return measurer;
}

/** Scores 0 and 1 ("Very weak", "Weak") ask for a confirmation before they are used. */
export function isWeak(strength: Strength): boolean {
  return strength.score < 2;
}

/** The password's strength, or null while the rater loads or there is no password. */
export function useStrength(password: string): Strength | null {
  const [measure, setMeasure] = useState<Measure | null>(null);
  useEffect(() => {
    let live = true;
    void loadMeasure().then((loaded) => live && setMeasure(() => loaded));
    return () => {
      live = false;
    };
  }, []);
  return password && measure ? measure(password) : null;
}
