/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers load WebAssembly and native sockets at run time: keep them out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
