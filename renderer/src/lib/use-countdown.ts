import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `deadline` (epoch ms), updated every quarter second; null when there is none.
 * Until the first tick for this deadline the clock reads `startedAt` (when the deadline was set)
 * if given, not the moment the component mounted: a notice that has sat on the page for a while
 * must not start a 30 s countdown at 45 s.
 */
export function useCountdown(deadline: number | null, startedAt?: number): number | null {
  const [mountedAt] = useState(() => Date.now());
  const [tick, setTick] = useState<{ deadline: number | null; at: number } | null>(null);
  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => setTick({ deadline, at: Date.now() }), 250);
    return () => clearInterval(timer);
  }, [deadline]);
  if (deadline === null) return null;
  const now = tick?.deadline === deadline ? tick.at : (startedAt ?? tick?.at ?? mountedAt);
  return Math.max(0, deadline - now);
}
