// Package testfs makes the special files that tests of hostile input
// need (named pipes) and reads what only some systems record (owners),
// so that those tests build everywhere and say why they cannot run.
package testfs
