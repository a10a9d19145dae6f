import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a reviewed, committed SQL migration from the schema diff.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
  casing: 'snake_case',
  migrations: { prefix: 'timestamp' },
});
