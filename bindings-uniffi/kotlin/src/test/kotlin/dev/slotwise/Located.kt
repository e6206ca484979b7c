package dev.slotwise

// Errors located from a document's root, as the engine reports them when it reads a
// whole document (`schedules[1].timezone`, `window.to`).

/** The field path of an error about [outer]'s content, as the engine composes it. */
fun at(outer: String, path: String): String = when {
    path.isEmpty() -> outer
    path.startsWith("[") -> outer + path
    else -> "$outer.$path"
}

/** An error with its code and its path from a document's root. */
class Located(val code: String, val path: String, message: String) : Exception(message)

/** Runs [body], putting its errors' paths under [outer]. */
fun <T> under(outer: String, body: () -> T): T = try {
    body()
} catch (e: SlotwiseException) {
    throw Located(e.codeName(), at(outer, e.path()), e.describe())
} catch (e: Located) {
    throw Located(e.code, at(outer, e.path), e.message ?: "")
}

/** A window call whose `from`/`to` errors belong to the document's `window`. */
fun <T> inWindow(body: () -> T): T = try {
    body()
} catch (e: SlotwiseException) {
    val path = e.path()
    val outer = if (path == "from" || path == "to") at("window", path) else path
    throw Located(e.codeName(), outer, e.describe())
}
