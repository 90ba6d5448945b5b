import { defineConfig } from 'vite';

// The page is served from the dashboard jar's classpath (io/policystreams/dashboard/web), at any path prefix.
export default defineConfig({
  base: './',
  build: {
    outDir: '../target/classes/io/policystreams/dashboard/web',
    emptyOutDir: true,
  },
});
