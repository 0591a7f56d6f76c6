// Vite's `?url` imports of the PDF's fonts: the URL of the asset the build emits for each.
declare module "dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url" {
  const url: string;
  export default url;
}
declare module "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url" {
  const url: string;
  export default url;
}
