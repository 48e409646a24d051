import { useEffect } from 'react';
import { api } from '../../shared/api.ts';

/** the least time between two positions the phone reports */
const EVERY_MS = 30_000;

/**
 * While the driver's phone page shows a trip on the road, the phone reports where it is (source
 * `phone`, POST /api/vehicles/my/trips/:id/position) at most every 30 s. Best effort: without a
 * location permission, or when a report fails, the page works on and the GPS unit stays the source.
 */
export function usePhonePosition(tripId: string | null): void {
  useEffect(() => {
    if (!tripId || typeof navigator === 'undefined' || !navigator.geolocation) return;
    let last = 0;
    const watch = navigator.geolocation.watchPosition(
      (p) => {
        const now = Date.now();
        if (now - last < EVERY_MS) return;
        last = now;
        const speed = p.coords.speed;
        api
          .post<void>(`/api/vehicles/my/trips/${tripId}/position`, {
            lon: p.coords.longitude,
            lat: p.coords.latitude,
            ...(speed !== null && speed >= 0 ? { speedKmh: Math.min(300, speed * 3.6) } : {}),
          })
          .catch(() => undefined);
      },
      () => undefined,
      { enableHighAccuracy: true, maximumAge: 10_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, [tripId]);
}
