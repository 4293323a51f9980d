/** `npm run build:web`: the web app's production build into web/dist (codegen, then Vite), always rebuilt. */
import { buildWebApp } from './runtime/web-build.js';

const { outDir } = await buildWebApp({ force: true });
console.log(`Built the web app into ${outDir}`);
