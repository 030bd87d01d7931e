/** An example program that uses vtsne as a library from the module path. */
module dev.vtsne.example {
    requires dev.vtsne;
}
