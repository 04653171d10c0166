import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  // Lets <script lang="ts"> in components be type-checked by svelte-check and compiled by Vite.
  preprocess: vitePreprocess(),
};
