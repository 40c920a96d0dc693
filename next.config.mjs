import createMDX from '@next/mdx';

// Under Turbopack, MDX plugins must be named by package (strings), not imported functions.
const withMDX = createMDX({
  extension: /\.mdx$/,
  options: {
    remarkPlugins: ['remark-frontmatter', 'remark-gfm', 'remark-math'],
    // No rehype-katex: formulas stay `math-inline` / `math-display` code elements, which the MDX
    // registry renders with TexMath (components/mdx/TexMath.tsx), so the page's RSC payload
    // carries their TeX source and not KaTeX's markup a second time.
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  trailingSlash: true,
  pageExtensions: ['ts', 'tsx', 'mdx'],
  images: { unoptimized: true },
  poweredByHeader: false,
  // Parsed at build time only (show-code panels); keep it out of the bundle.
  serverExternalPackages: ['typescript'],
  // The build type-checks the site only; tests are checked by Jest and `npm run typecheck`.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
};

export default withMDX(nextConfig);
