// The code image's host side and its highlighter, bundled apart as dist/codeImage.js and loaded by the commands on
// first use (docs/code-image.md §4): shiki and the preview cost nothing at activation.
export { codeImageSession, type CodeImageSession, type PostPicture, type PreviewShown } from './codeImageSession';
