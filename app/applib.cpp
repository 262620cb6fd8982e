// Anchor so the application library is never empty while its parts are added.
namespace bitcliff::app {
int appLibraryVersion() { return 1; }
} // namespace bitcliff::app
