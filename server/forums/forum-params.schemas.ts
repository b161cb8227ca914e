// A forum's and a week's address in route params, as every domain's routes take them.
import { Type } from 'typebox';

export const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' }) });
export const WeekParams = Type.Object({
  slug: SlugParams.properties.slug,
  number: Type.Integer({ minimum: 1, maximum: 52 }),
});
