// The Simulator module; see README.md for its place in the layout.
