import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

// Content-Security-Policy. Next.js streams its payload in inline <script>s and Plotly sets inline styles, hence
// 'unsafe-inline' for those two; nothing else runs or loads from anywhere but this origin. Plotly's SVG traces need
// no eval (its WebGL ones would); `next dev` needs eval for fast refresh, so only development allows it.
const csp = (dev) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

const securityHeaders = (dev) => [
  { key: "Content-Security-Policy", value: csp(dev) },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  // Parallel checkouts (or engineers) can build and serve side by side: NEXT_DIST_DIR moves the build output.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Database drivers load WebAssembly and native sockets at run time: keep them out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests included) as a step of `npm test`; the build need not.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) },
      // A share link's token is in the page's URL: never send it on as a Referer.
      { source: "/r/:token*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
});

export default nextConfig;
