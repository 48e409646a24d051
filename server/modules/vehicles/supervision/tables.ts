import type { Category } from '../tables.ts';

/** Supervision's own tables (the geofence scope), merged into the kernel's `Tables`. */
declare module '../../../kernel/db/schema.ts' {
  interface Tables {
    veh_geofence_pool: { geofence_id: string; jurisdiction_id: string };
    veh_geofence_category: { geofence_id: string; category: Category };
    veh_geofence_vehicle: { geofence_id: string; vehicle_id: string };
  }
}
