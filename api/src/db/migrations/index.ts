// Written by `npm run db:generate -- <Name>`: every migration, oldest first.
import { InitialSchema1795776575207 } from './1795776575207-InitialSchema.js';

export const MIGRATIONS = [InitialSchema1795776575207];
