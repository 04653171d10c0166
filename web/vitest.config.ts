import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

// Unit tests (`npm test`): the front end's plain modules, beside their code in src/. The contract
// test reads the server's route table and the OpenAPI document from the repository, outside web/.
export default mergeConfig(
  viteConfig,
  defineConfig({
    server: { fs: { allow: ['..'] } },
    test: { include: ['src/**/*.test.ts'] },
  }),
);
