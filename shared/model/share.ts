// A share of something (0…1) as a field: the inspector shows it in %.
import { z } from 'zod';

export const share = (help: string) => z.number().min(0).max(1).describe(help);
