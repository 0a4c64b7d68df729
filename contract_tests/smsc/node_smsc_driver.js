// Drives every call the npm client node-smsc offers against the mock, as an application
// would, and prints what each call gave back as one JSON document.
//   node node_smsc_driver.js <node_modules dir> <mock base url>
'use strict'

var path = require('path')
var fs = require('fs')
var os = require('os')

var modules = process.argv[2]
var base = process.argv[3]
var initSmsc = require(path.join(modules, 'node-smsc'))
var FormData = require(path.join(modules, 'form-data'))

var smsc = initSmsc({login: 'demo', password: 'demo', request: base + '/sys/'})
var phone = '79001234567'
var results = {}

function record (name, promise) {
    return promise.then(function (value) {
        results[name] = {ok: value}
    }, function (err) {
        results[name] = {error: err.message, code: err.response && err.response.error_code}
    })
}

function collect (stream) {
    return new Promise(function (resolve, reject) {
        var chunks = []
        stream.on('data', function (chunk) { chunks.push(chunk) })
        stream.once('end', function () { resolve(Buffer.concat(chunks).toString('utf8')) })
        stream.once('error', reject)
    })
}

var picture = path.join(os.tmpdir(), 'node-smsc-driver-' + process.pid + '.gif')
fs.writeFileSync(picture, Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'))

var ids = {}
var steps = [
    function () { return record('balance', smsc.balance()) },
    function () { return record('senders', smsc.senders({get: 1})) },
    function () {
        return record('send', smsc.send({phones: phone, mes: 'hello!'}).then(function (r) {
            ids.sms = r.id
            return r
        }))
    },
    function () { return record('send_own_id', smsc.send({phones: phone, mes: 'how?', id: 10})) },
    function () {
        var long = new Array(145).join('tsup?')
        return record('send_long', smsc.send({phones: phone, mes: long}))
    },
    function () {
        return record('send_mms', smsc.send({phones: phone, mms: 1, mes: 'that\'s me!', subj: 'Me'},
            {files: [{field: 'picture', value: fs.createReadStream(picture)}]}))
    },
    function () { return record('send_hlr', smsc.send({phones: phone, hlr: 1})) },
    function () { return record('status', smsc.status({id: ids.sms, phone: phone, all: 1})) },
    function () { return record('status_del', smsc.status({id: 10, phone: phone, del: 1})) },
    function () {
        return record('templates_add', smsc.templates({add: 1, name: 'tpl', msg: 'Template text.',
                                                       format: 'sms'}).then(function (r) {
            ids.template = r.id
            return r
        }))
    },
    function () { return record('templates_chg', smsc.templates({chg: 1, id: ids.template,
                                                                 msg: 'Changed.'})) },
    function () { return record('templates_get', smsc.templates({get: 1})) },
    function () {
        return record('jobs_add', smsc.jobs({phones: phone, tpl: ids.template, name: 'Рассылка',
                                             add: 1}).then(function (r) {
            ids.job = r.id
            return r
        }))
    },
    function () {
        var form = new FormData()
        form.append('picture', fs.createReadStream(picture))
        return record('jobs_add_mms', smsc.jobs({phones: phone, mms: 1, mes: 'pic', name: 'MMS',
                                                 add: 1},
            {request: {method: 'POST', headers: form.getHeaders()}, requestBodyStream: form}))
    },
    function () { return record('jobs_get', smsc.jobs({get: 1})) },
    function () { return record('jobs_cancel', smsc.jobs({cancel: 1, id: ids.job})) },
    function () { return record('jobs_del', smsc.jobs({del: 1, id: ids.job})) },
    function () { return record('templates_del', smsc.templates({del: 1, id: ids.template})) },
    function () { return record('phones_add', smsc.phones({add: 1, phone: '79005550001',
                                                           name: 'Ivan'})) },
    function () {
        return record('phones_add_group', smsc.phones({add_group: 1, name: 'Friends'})
            .then(function (r) {
                ids.group = r.id
                return r
            }))
    },
    function () { return record('phones_move_group', smsc.phones({move_group: 1, grp: ids.group,
                                                                  phone: '79005550001'})) },
    function () { return record('phones_get', smsc.phones({get: 1})) },
    function () { return record('phones_get_group', smsc.phones({get_group: 1})) },
    function () { return record('phones_chg', smsc.phones({chg: 1, phone: '79005550001',
                                                           new_phone: '79005550002'})) },
    function () { return record('phones_add_black', smsc.phones({add_black: 1,
                                                                 phone: '79005550003'})) },
    function () { return record('send_blacklisted', smsc.send({phones: '79005550003',
                                                               mes: 'x'})) },
    function () { return record('phones_del_black', smsc.phones({del_black: 1,
                                                                 phone: '79005550003'})) },
    function () { return record('phones_del_group', smsc.phones({del_group: 1, grp: ids.group})) },
    function () { return record('phones_del', smsc.phones({del: 1, phone: '79005550002'})) },
    function () { return record('users_get_none', smsc.users({get: 1})) },
    function () { return record('users_add', smsc.users({add: 1, user: 'sub1',
                                                         password: 'subpass'})) },
    function () { return record('users_chg', smsc.users({chg: 1, user: 'sub1', fio: 'Sub'})) },
    function () { return record('users_pay', smsc.users({pay: 1, user: 'sub1', sum: '10.00'})) },
    function () { return record('users_get_stat', smsc.users({get_stat: 1, user: 'sub1'})) },
    function () { return record('info', smsc.info({get_operator: 1, phone: phone})) },
    function () { return record('receive_phones_get', smsc.receive_phones({get: 1})) },
    function () { return record('receive_phones_buy', smsc.receive_phones({
        buy: 1, phone: '79990000100'})) },
    function () { return record('get_messages', smsc.get({get_messages: 1, phone: phone})) },
    function () { return record('get_answers', smsc.get({get_answers: 1})) },
    function () { return record('get_stat', smsc.get({get_stat: 1})) },
    function () { return record('get_mega_accounts', smsc.get({get_mega_accounts: 1})) },
    function () { return record('get_price', smsc.get({get_price: 1})) },
    function () { return record('get_mnp_date', smsc.get_mnp({date: '01.01.2026'})) },
    function () { return record('get_mnp_file', smsc.get_mnp().then(collect)) },
    function () { return record('wrong_password', initSmsc({login: 'demo', password: 'no',
        request: base + '/sys/'}).balance()) },
]

steps.reduce(function (done, step) { return done.then(step) }, Promise.resolve())
    .then(function () {
        fs.unlinkSync(picture)
        process.stdout.write(JSON.stringify(results))
    })
