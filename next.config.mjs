import createMDX from '@next/mdx';

// Under Turbopack, MDX plugins must be named by package (strings), not imported functions.
const withMDX = createMDX({
  extension: /\.mdx$/,
  options: {
    remarkPlugins: ['remark-frontmatter', 'remark-gfm', 'remark-math'],
    rehypePlugins: [['rehype-katex', { strict: false, throwOnError: false }]],
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
