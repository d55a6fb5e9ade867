import { z } from 'zod';

export const empty = z.strictObject({});
export const text = (max: number) => z.string().trim().min(1).max(max);
