/**
 * Travel models: how long and how far between two points. The planner only sees this interface, so a
 * routing service (OSRM) can replace the straight-line model without touching the planner.
 */

/** A WGS-84 position. */
export interface Point {
  lon: number;
  lat: number;
}

export interface TravelModel {
  /**
   * Optional: load whatever is needed for these points before planning (OSRM fetches its table here).
   * The planner calls it once per plan / insertion with every point it will ask about.
   */
  prepare?(points: readonly Point[]): Promise<void>;
  /** Driving time in seconds from `from` to `to` when leaving at `departAt` (epoch milliseconds). */
  time(from: Point, to: Point, departAt: number): number;
  /** Driving distance in metres. */
  distance(from: Point, to: Point): number;
}

/** A speed band of the day, local clock ("07:30" … "09:00"), end exclusive. */
export interface SpeedBand {
  from: string;
  to: string;
  kmh: number;
}
