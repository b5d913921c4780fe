package dev.ticketbooth.decisions;

/** What a caller asks about: the token, the video, and the viewer's context where known. */
record DecisionRequest(String token, String video, String ip, String origin, String userAgent) {
}
