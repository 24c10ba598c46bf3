import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection from here (CLI only: the app connects through @prisma/adapter-pg).
// `npm run studio` and `npm run generate` set what they need; see scripts/.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/resync' },
});
